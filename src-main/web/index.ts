// The web host's public entry: `rnnlab serve` (a later CLI command) calls startWebHost and prints the URL.
export { startWebHost, type WebHost, type WebHostOptions } from './server';
