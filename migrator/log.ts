// One place for the runner's messages, so tests can silence it and the CLI can print it.
export type Log = (line: string) => void;

export const consoleLog: Log = (line) => console.log(line);
export const quietLog: Log = () => {};
