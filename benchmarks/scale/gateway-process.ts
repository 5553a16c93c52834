// The stack's gateway in a process of its own, for the benchmark: a frontend and its API
// gateway never share an event loop, so the client's work (parsing a 128 KB class sheet,
// its garbage collection) must not delay the requests the gateway is proxying.
// Started by rest-path.ts with the routes as JSON in argv[2]; says `ready` on stdout.
import { startGateway, type GatewayRoutes } from '../../stack/gateway.ts';

const [port, routes] = JSON.parse(process.argv[2] ?? '[]') as [number, GatewayRoutes];
const server = await startGateway(port, routes);
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
