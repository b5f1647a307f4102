import type { Server } from 'node:http';
export declare const CSP: string;
export declare const LIMITS: Readonly<{ headersTimeout: number; requestTimeout: number; keepAliveTimeout: number; idleTimeout: number; checkInterval: number; maxConnections: number }>;
export declare function checkPort(port: unknown): number;
export declare function startServer(opts?: {
  root?: string;
  port?: number | string;
  host?: string;
  limits?: Partial<typeof LIMITS>;
  log?: (line: string) => void;
}): Promise<{ server: Server; url: string }>;
