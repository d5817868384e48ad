// The submission form's live preview and readability check, on a phone (README "Submission
// links"): each language is drawn at the shape of a portrait screen by the kiosk player's
// own renderer (slide-preview.js), and while the person types the words go to the server
// (debounced), which answers with the body as the screen gets it (Markdown rendered and
// sanitised) and the readability verdict, as in the staff editor. Without this script the
// form still works.

import {
  forgetPickedFile, liveVersion, pickedFileUrl, screen,
} from '/admin/assets/slide-preview.js';

function start(form) {
  const token = form.querySelector('input[name=csrfToken]').value;
  const institution = { name: form.dataset.institution, colour: form.dataset.colour };
  const fileInput = form.querySelector('input[type=file][name=file]');
  let picked = null;
  // the languages written share the slide's time (docs/MESSAGES.md), so each is checked on its share
  const written = () => Array.from(form.querySelectorAll('fieldset.version'))
    .filter((f) => Array.from(f.querySelectorAll('[data-part]')).some((e) => e.value.trim() !== '')).length || 1;

  const versions = Array.from(form.querySelectorAll('fieldset.version')).map((fieldset) => {
    const language = fieldset.dataset.language;
    const title = fieldset.querySelector('[data-part=title]');
    const body = fieldset.querySelector('[data-part=body]');
    const shown = screen(fieldset.querySelector('.preview-screen'));
    return liveVersion({
      title,
      body,
      readability: fieldset.querySelector('[data-readability]'),
      url: form.dataset.previewUrl,
      fields: () => new URLSearchParams({
        csrfToken: token, title: title.value, body: body.value, language, languages: String(written()),
      }),
      draw: (html) => shown.show({
        id: `preview-${language}`,
        kind: picked ? 'image' : 'text',
        title: title.value.trim(),
        html,
        language,
        institution,
        media: picked ? { sha256: picked.sha256, width: picked.width, height: picked.height } : null,
      }, picked ? picked.url : null),
    });
  });

  fileInput?.addEventListener('change', () => {
    if (picked) forgetPickedFile(picked.url);
    const file = fileInput.files[0];
    picked = null;
    if (file && file.type.startsWith('image/')) {
      const url = pickedFileUrl(file);
      picked = { sha256: `picked-${Date.now()}`, url, width: null, height: null };
      const probe = new Image();
      probe.onload = () => {
        if (picked?.url === url) {
          picked.width = probe.naturalWidth;
          picked.height = probe.naturalHeight;
          versions.forEach((v) => v.draw());
        }
      };
      probe.src = url;
    }
    versions.forEach((v) => v.draw());
  });

  versions.forEach((v) => {
    v.draw();
    v.changed();
  });
}

const form = document.getElementById('submission');
if (form) start(form);
