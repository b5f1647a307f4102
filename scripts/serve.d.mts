import type { Server } from 'node:http';
export declare const CSP: string;
export declare function startServer(opts?: { root?: string; port?: number; host?: string }): Promise<{ server: Server; url: string }>;
