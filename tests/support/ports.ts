// Every port `npm test` opens is moved by HPC_TEST_PORT_OFFSET, so that two checkouts of
// the project can run their tests side by side on one machine.
export const testPortOffset = Number(process.env.HPC_TEST_PORT_OFFSET ?? 0);

export const testPort = (port: number) => port + testPortOffset;
