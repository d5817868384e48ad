// The client's version. It names the shell cache, so bump it whenever any file of the
// shell (index.html, styles.css, js/*.js, sw.js) changes, here and as WORKER_VERSION in
// sw.js (the browser notices a new worker by that file's bytes): kiosks then fetch the new
// shell once, switch to it and delete the old cache.
export const VERSION = '0.2.2';

export const SHELL_CACHE = `signage-shell-${VERSION}`;
// Media and bookkeeping caches do not depend on the shell's version, so an update of the
// client does not download every video again. Their own version changes only if the way
// entries are stored in them changes.
export const MEDIA_CACHE = 'signage-media-v1';
export const META_CACHE = 'signage-meta-v1';
export const CACHE_PREFIX = 'signage-';
