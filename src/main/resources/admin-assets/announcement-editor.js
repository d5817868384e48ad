// The announcement editor's live preview and readability checks. Each language version
// is drawn at the real shape of a landscape and a portrait screen by the kiosk player's
// own renderer (slide-preview.js). While the person types, the words go to the server (debounced), which
// answers with the body as the screen gets it (Markdown rendered and sanitised) and the
// readability verdict. Without this script the page still works: the server draws a
// simple preview and the verdict after saving.

import {
  element, forgetPickedFile, liveVersion, pickedFileUrl, screen,
} from '/admin/assets/slide-preview.js';

const DEBOUNCE_MS = 400;

function start(form) {
  const token = form.querySelector('input[name=csrfToken]').value;
  const institution = form.querySelector('#institution');
  const duration = form.querySelector('#durationSeconds');
  const link = form.querySelector('#link');
  const chosenMedia = () => form.querySelector('input[name=media]:checked');
  // the languages written share the slide's time (docs/MESSAGES.md), so each is checked on its share
  const written = () => Array.from(form.querySelectorAll('fieldset.version'))
    .filter((f) => Array.from(f.querySelectorAll('[data-part]')).some((e) => e.value.trim() !== '')).length || 1;
  const fileInput = form.querySelector('input[type=file][name=file]');
  // a file picked but not yet uploaded: the server puts it on the message instead of the
  // library choice when the form is saved, so the preview shows it the same way
  let picked = null;
  const shownMedia = () => {
    if (picked) return picked;
    const radio = chosenMedia();
    if (!radio?.value) return null;
    return {
      sha256: radio.value,
      kind: radio.dataset.kind,
      url: radio.dataset.url,
      width: Number(radio.dataset.width) || null,
      height: Number(radio.dataset.height) || null,
    };
  };

  const versions = Array.from(form.querySelectorAll('fieldset.version')).map((fieldset) => {
    const language = fieldset.dataset.language;
    const title = fieldset.querySelector('[data-part=title]');
    const body = fieldset.querySelector('[data-part=body]');
    const screens = Array.from(fieldset.querySelectorAll('.preview-screen')).map(screen);
    return liveVersion({
      title,
      body,
      readability: fieldset.querySelector('[data-readability]'),
      url: form.dataset.previewUrl,
      fields: () => new URLSearchParams({
        csrfToken: token,
        title: title.value,
        body: body.value,
        durationSeconds: duration.value,
        languages: String(written()),
        institution: institution.value,
        language,
        media: chosenMedia()?.value ?? '',
        // a link puts a QR code on the slide, which takes room and is checked too (docs/LINKS.md)
        link: link?.value ?? '',
      }),
      draw: (html) => {
        const option = institution.selectedOptions[0];
        const media = shownMedia();
        const slide = {
          id: `preview-${language}`,
          kind: media ? media.kind : 'text',
          title: title.value.trim(),
          html,
          language,
          institution: option?.value ? { name: option.textContent, colour: option.dataset.colour } : null,
          media: media ? { sha256: media.sha256, width: media.width, height: media.height } : null,
        };
        for (const s of screens) s.show(slide, media ? media.url : null);
      },
    });
  });

  // "will show on": where the message would go once approved, asked again when what decides it changes
  const whereBox = form.querySelector('[data-where-url]');
  let whereTimer = null;
  let whereAsked = 0;
  async function where() {
    const turn = ++whereAsked;
    const englishTitle = form.querySelector('fieldset.version[data-language=en] [data-part=title]');
    const fields = new URLSearchParams({
      csrfToken: token,
      institution: institution.value,
      category: form.querySelector('#category').value,
      publishFrom: form.querySelector('#publishFrom').value,
      publishUntil: form.querySelector('#publishUntil').value,
      english: String(Boolean(englishTitle && englishTitle.value.trim() !== '')),
      tags: Array.from(form.querySelectorAll('input[name=audience]:checked'), (box) => box.value).join(','),
    });
    try {
      const response = await fetch(whereBox.dataset.whereUrl, {
        method: 'POST', body: fields, headers: { Accept: 'application/json' }, credentials: 'same-origin',
      });
      if (!response.ok || turn !== whereAsked) return;
      const answer = await response.json();
      const heading = element('h3', {}, [whereBox.dataset.heading ?? '']);
      const said = answer.nowhere
        ? element('p', { class: 'where-nowhere', 'data-where': 'nowhere' }, [answer.nowhere])
        : element('ul', { class: 'where-places', 'data-where': 'places' }, answer.places.map((p) => element('li', {}, [p])));
      whereBox.replaceChildren(element('section', { class: 'where' }, [heading, said,
        element('p', { class: 'hint' }, [whereBox.dataset.hint ?? ''])]));
    } catch {
      // offline for a moment: the next change asks again
    }
  }
  const whereLater = () => {
    clearTimeout(whereTimer);
    whereTimer = setTimeout(where, DEBOUNCE_MS);
  };
  for (const id of ['institution', 'category', 'publishFrom', 'publishUntil']) {
    form.querySelector(`#${id}`).addEventListener('change', whereLater);
  }
  form.querySelector('fieldset.version[data-language=en] [data-part=title]')?.addEventListener('input', whereLater);
  form.querySelectorAll('input[name=audience]').forEach((box) => box.addEventListener('change', whereLater));
  where();

  const all = () => versions.forEach((v) => v.changed());
  institution.addEventListener('change', () => versions.forEach((v) => v.draw()));
  institution.addEventListener('change', all);
  duration.addEventListener('input', all);
  link?.addEventListener('change', all);
  let languagesWritten = written();
  form.addEventListener('input', (event) => {
    if (!event.target.matches('[data-part]')) return;
    const now = written();
    if (now !== languagesWritten) {
      languagesWritten = now;
      all();
    }
  });
  const forgetPicked = () => {
    if (picked) forgetPickedFile(picked.url);
    picked = null;
  };
  form.querySelectorAll('input[name=media]').forEach((radio) => radio.addEventListener('change', () => {
    // a library choice made after picking a file is the one meant; the file would otherwise win on save
    if (fileInput) fileInput.value = '';
    forgetPicked();
    versions.forEach((v) => v.draw());
    all();
  }));
  fileInput?.addEventListener('change', () => {
    forgetPicked();
    const file = fileInput.files?.[0];
    if (file && (file.type.startsWith('image/') || file.type.startsWith('video/'))) {
      const kind = file.type.startsWith('video/') ? 'video' : 'image';
      const chosen = { sha256: `picked-${Date.now()}`, kind, url: pickedFileUrl(file), width: null, height: null };
      picked = chosen;
      if (kind === 'image') {
        // the size decides how the slide lays the picture out; redrawn once it is known
        const probe = new Image();
        probe.onload = () => {
          if (picked !== chosen) return;
          chosen.width = probe.naturalWidth || null;
          chosen.height = probe.naturalHeight || null;
          versions.forEach((v) => v.draw());
        };
        probe.src = chosen.url;
      }
    }
    versions.forEach((v) => v.draw());
  });
  versions.forEach((v) => v.check());
}

const form = document.getElementById('editor');
if (form) start(form);
