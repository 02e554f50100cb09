// Preload (node --require) that pins every TCP listen() of this process to 127.0.0.1 when the caller
// gave no host or a wildcard one. The bench uses it for supergateway, which has no host flag and would
// otherwise listen on all interfaces.
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;
const WILDCARD = new Set([undefined, null, '', '::', '0.0.0.0', '::0']);
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path === undefined && WILDCARD.has(first.host)) args[0] = { ...first, host: '127.0.0.1' };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (args[1] === undefined || args[1] === null || WILDCARD.has(args[1])) args[1] = '127.0.0.1';
    else if (typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
