/** Types of bin/bundle.js, for its tests. */
export declare function usableBundle(runFrom?: string, bundleDir?: string): string | undefined;
