import Fastify from 'fastify';

/**
 * The ingest bench's baseline: a bare Fastify server that answers a JSON post with its body, run in
 * its own process like the Rapport server, so the load generator gets the same cores in both runs.
 */
const echo = Fastify();
echo.get('/ready', async () => ({ ok: true }));
echo.post('/echo', async (request) => request.body);
await echo.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
