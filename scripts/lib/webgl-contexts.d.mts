/** Counts every WebGL context the page creates; pass to `page.addInitScript`. */
export declare function countContexts(): void;
