/**
 * The stock y-websocket server's `server.js` (0.1.1), line for line, with one change: it takes
 * `WebSocketServer` from ws 8 by name. Its published entry reads `WebSocket.Server` from the
 * default export, which only ws 6 provides, and ws 6 is below our security floor
 * (security/min-versions.json). The document logic is the package's own `setupWSConnection`.
 */
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ noServer: true });
const host = process.env.HOST || 'localhost';
const port = Number.parseInt(process.env.PORT || '1234', 10);

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});

wss.on('connection', setupWSConnection);

server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    wss.emit('connection', ws, request);
  });
});

server.listen(port, host, () => {
  console.log(`running at '${host}' on port ${port}`);
});
