export declare const COMPRESSIBLE: Set<string>;
export declare function precompress(dir: string, opts?: { minBytes?: number }): Promise<{ file: string; size: number; br: number; gz: number }[]>;
