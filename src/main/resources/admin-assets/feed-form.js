// The feed form's preview: what a sample event becomes through the template, asked of the
// server (the same template and Markdown rendering as an import) while the template or the
// language changes. Without this script the preview shows the stored template's result.
const DEBOUNCE_MS = 400;

const section = document.getElementById('template-preview');
const form = section?.closest('form');
const template = form?.querySelector('#template');
const language = form?.querySelector('#language');

let timer = null;
let asked = 0;

async function preview() {
  const turn = ++asked;
  const fields = new URLSearchParams({
    csrfToken: form.querySelector('input[name=csrfToken]').value,
    template: template.value,
    language: language?.value ?? 'da',
  });
  try {
    const response = await fetch(section.dataset.previewUrl, {
      method: 'POST', body: fields, headers: { Accept: 'application/json' }, credentials: 'same-origin',
    });
    if (!response.ok || turn !== asked) return;
    const answer = await response.json();
    const body = document.getElementById('template-preview-body');
    const title = body.querySelector('.template-preview-title');
    title.textContent = answer.title;
    body.replaceChildren(title, ...answer.paragraphs.map((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      return p;
    }));
    const error = document.getElementById('template-preview-error');
    error.textContent = answer.error ?? '';
    error.hidden = !answer.error;
  } catch {
    // offline for a moment: the next change asks again
  }
}

function later() {
  clearTimeout(timer);
  timer = setTimeout(preview, DEBOUNCE_MS);
}

if (section && form && template) {
  template.addEventListener('input', later);
  language?.addEventListener('change', later);
}
