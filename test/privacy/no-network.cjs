// Preloaded with `node --require`: every way to reach the network throws and is written to
// $CAPE_NETWORK_LOG. Local IPC (pipes) and loopback stay allowed: they never leave the machine.
'use strict';
const fs = require('node:fs');
const log = process.env.CAPE_NETWORK_LOG;

function forbidden(what) {
  if (log) fs.appendFileSync(log, `${process.pid} ${what}\n`);
  throw new Error(`network access is forbidden in CAPE Tools: ${what}`);
}

const isLoopback = (host) => host === undefined || host === 'localhost' || /^127\./.test(String(host)) || host === '::1';

for (const name of ['http', 'https', 'http2']) {
  const mod = require(`node:${name}`);
  for (const fn of ['request', 'get', 'connect']) if (typeof mod[fn] === 'function') mod[fn] = () => forbidden(`${name}.${fn}`);
}
const net = require('node:net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = args[0] && typeof args[0] === 'object' ? args[0] : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined, path: typeof args[0] === 'string' ? args[0] : undefined };
  if (!options.path && !isLoopback(options.host)) forbidden(`net.connect ${options.host}:${options.port}`);
  return connect.apply(this, args);
};
const tls = require('node:tls');
tls.connect = () => forbidden('tls.connect');
const dns = require('node:dns');
for (const fn of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'reverse']) dns[fn] = () => forbidden(`dns.${fn}`);
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns.promises[fn] = () => forbidden(`dns.promises.${fn}`);
globalThis.fetch = () => forbidden('fetch');
if (globalThis.WebSocket) globalThis.WebSocket = function () { forbidden('WebSocket'); };
