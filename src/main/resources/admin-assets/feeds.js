// The feed page while an import runs: follows its progress every 2 s (one chained timer,
// never overlapping) and reloads the page once the import has finished, so the result
// is shown by the server as on any other visit. Without scripts a reload does the same.
const POLL_MS = 2000;

const section = document.getElementById('import-status');

async function poll() {
  try {
    const response = await fetch(section.dataset.stateUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) {
      return; // signed out or gone: stop following; a reload shows why
    }
    const state = await response.json();
    if (state.state !== 'running') {
      window.location.reload();
      return;
    }
    const bar = document.getElementById('import-progress-bar');
    if (bar) {
      bar.max = Math.max(state.total, 1);
      bar.value = state.processed;
    }
    const processed = document.getElementById('import-processed');
    const total = document.getElementById('import-total');
    if (processed) processed.textContent = String(state.processed);
    if (total) total.textContent = String(state.total);
  } catch {
    // a network hiccup: try again on the next tick
  }
  setTimeout(poll, POLL_MS);
}

if (section && section.dataset.state === 'running') {
  setTimeout(poll, POLL_MS);
}
