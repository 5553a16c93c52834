// Runs one edge function under Deno on the port the gateway chose, the way Supabase's edge
// runtime hosts it: the function calls Deno.serve(handler) without a port, so the host
// supplies the address before loading it. Deno code (checked with `deno check`).
const [entry, port] = Deno.args;
if (!entry || !port) throw new Error('usage: deno-host.ts <function entry> <port>');

const serve = Deno.serve.bind(Deno) as (...args: unknown[]) => Deno.HttpServer;
const address = { hostname: '127.0.0.1', port: Number(port), onListen: () => {} };

// Deno.serve(handler) and Deno.serve(options, handler) are the two forms functions use.
(Deno as { serve: unknown }).serve = (...args: unknown[]) => {
  if (typeof args[0] === 'function') return serve({ ...address }, args[0]);
  return serve({ ...(args[0] as object), ...address }, args[1]);
};

await import(new URL(entry, `file://${Deno.cwd()}/`).href);
