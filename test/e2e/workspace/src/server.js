// A tiny HTTP server, only here so the sample Dockerfile has something to copy.
require('node:http').createServer((req, res) => res.end('ok\n')).listen(8080);
