// Runs one edge function under Deno on the port the gateway chose, the way Supabase's edge
// runtime hosts it: the function calls Deno.serve(handler) without a port, so the host
// supplies the address before loading it. Deno code (checked with `deno check`).
const [entry, port] = Deno.args;
if (!entry || !port) throw new Error('usage: deno-host.ts <function entry> <port>');

type Handler = (request: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response>;

const serve = Deno.serve.bind(Deno) as (...args: unknown[]) => Deno.HttpServer;
const address = { hostname: '127.0.0.1', port: Number(port), onListen: () => {} };

/** A function may answer before reading the body (415, 401 on an upload). Deno would then
 * close the connection with the body unread, which resets it and can lose the answer on its
 * way to the gateway: the rest of the body is read first, as a server with lingering close. */
function readingTheWholeBody(handler: Handler): Handler {
  return async (request, info) => {
    const response = await handler(request, info);
    if (request.body && !request.bodyUsed) await request.body.pipeTo(new WritableStream()).catch(() => {});
    return response;
  };
}

// Deno.serve(handler) and Deno.serve(options, handler) are the two forms functions use.
(Deno as { serve: unknown }).serve = (...args: unknown[]) => {
  if (typeof args[0] === 'function') return serve({ ...address }, readingTheWholeBody(args[0] as Handler));
  const options = args[0] as { handler?: Handler };
  return serve({ ...options, ...address, handler: readingTheWholeBody((args[1] as Handler | undefined) ?? options.handler!) });
};

await import(new URL(entry, `file://${Deno.cwd()}/`).href);
