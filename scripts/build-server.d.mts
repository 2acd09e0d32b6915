/** Types of scripts/build-server.mjs, for the tests that build a bundle of their own. */
export declare const BUILD_INFO_FILE: string;
export declare function buildServer(outDir?: string): Promise<{ outDir: string; workers: string[] }>;
