// The announcement editor's live preview and readability checks. Each language version
// is drawn at the real shape of a landscape and a portrait screen by the kiosk player's
// own renderer (slide-preview.js). While the person types, the words go to the server (debounced), which
// answers with the body as the screen gets it (Markdown rendered and sanitised) and the
// readability verdict. Without this script the page still works: the server draws a
// simple preview and the verdict after saving.

import { element, screen } from '/admin/assets/slide-preview.js';

const DEBOUNCE_MS = 400;

function verdictElement(verdict) {
  const badge = { ok: 'ok', warning: 'warn', problem: 'bad' }[verdict.result] ?? '';
  const result = element('p', { class: 'verdict-result' }, [
    element('span', { class: `badge ${badge}` }, [verdict.label]),
    ' ',
    element('span', { class: 'verdict-words' }, [verdict.wordsLabel]),
  ]);
  const root = element('div', { class: 'verdict', 'data-verdict': verdict.result }, [result]);
  const findings = verdict.findings ?? [];
  if (findings.length > 0) {
    root.append(element('ul', { class: 'findings' },
      findings.map((f) => element('li', { class: `finding finding--${f.severity}` }, [f.text]))));
  }
  return root;
}

function start(form) {
  const token = form.querySelector('input[name=csrfToken]').value;
  const institution = form.querySelector('#institution');
  const duration = form.querySelector('#durationSeconds');
  const chosenMedia = () => form.querySelector('input[name=media]:checked');
  // the languages written share the slide's time (docs/MESSAGES.md), so each is checked on its share
  const written = () => Array.from(form.querySelectorAll('fieldset.version'))
    .filter((f) => Array.from(f.querySelectorAll('[data-part]')).some((e) => e.value.trim() !== '')).length || 1;

  const versions = Array.from(form.querySelectorAll('fieldset.version')).map((fieldset) => {
    const language = fieldset.dataset.language;
    const title = fieldset.querySelector('[data-part=title]');
    const body = fieldset.querySelector('[data-part=body]');
    const readability = fieldset.querySelector('[data-readability]');
    const screens = Array.from(fieldset.querySelectorAll('.preview-screen')).map(screen);
    let html = '';
    let timer = null;
    let asked = 0;

    function draw() {
      const option = institution.selectedOptions[0];
      const media = chosenMedia();
      const sha256 = media?.value || null;
      const slide = {
        id: `preview-${language}`,
        kind: sha256 ? media.dataset.kind : 'text',
        title: title.value.trim(),
        html,
        language,
        institution: option?.value ? { name: option.textContent, colour: option.dataset.colour } : null,
        media: sha256 ? { sha256, width: Number(media.dataset.width) || null, height: Number(media.dataset.height) || null } : null,
      };
      for (const s of screens) s.show(slide, sha256 ? media.dataset.url : null);
    }

    async function check() {
      const turn = ++asked;
      const fields = new URLSearchParams({
        csrfToken: token,
        title: title.value,
        body: body.value,
        durationSeconds: duration.value,
        languages: String(written()),
        institution: institution.value,
        language,
        media: chosenMedia()?.value ?? '',
      });
      try {
        const response = await fetch(form.dataset.previewUrl, {
          method: 'POST',
          body: fields,
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (!response.ok || turn !== asked) return;
        const answer = await response.json();
        html = answer.html;
        draw();
        const empty = title.value.trim() === '' && body.value.trim() === '';
        readability.replaceChildren(...(empty ? [] : [verdictElement(answer.verdict)]));
      } catch {
        // offline for a moment: the next keystroke asks again
      }
    }

    function changed() {
      clearTimeout(timer);
      timer = setTimeout(check, DEBOUNCE_MS);
    }

    title.addEventListener('input', () => {
      draw();
      changed();
    });
    body.addEventListener('input', changed);
    return { draw, check, changed };
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
  let languagesWritten = written();
  form.addEventListener('input', (event) => {
    if (!event.target.matches('[data-part]')) return;
    const now = written();
    if (now !== languagesWritten) {
      languagesWritten = now;
      all();
    }
  });
  form.querySelectorAll('input[name=media]').forEach((radio) => radio.addEventListener('change', () => {
    versions.forEach((v) => v.draw());
    all();
  }));
  versions.forEach((v) => v.check());
}

const form = document.getElementById('editor');
if (form) start(form);
