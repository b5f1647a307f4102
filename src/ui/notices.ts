/** The third-party licence notices the build writes beside index.html (scripts/lib/build-plugins.ts); the page links to it. */
export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';
