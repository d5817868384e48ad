// Drag to reorder a playlist's items: an extra on top of the move-up/move-down buttons,
// which remain the way to reorder by keyboard or without scripts. On drop the whole new
// order is posted through the page's own form, so the CSRF token and the
// post/redirect/get flow are the same as for the buttons.
const list = document.getElementById('playlist-items');
const form = document.getElementById('order-form');

if (list && form && list.dataset.reorder) {
  const items = () => Array.from(list.querySelectorAll('li[data-slug]'));
  let dragged = null;

  for (const item of items()) {
    item.draggable = true;
    item.classList.add('draggable');
  }
  const hint = document.getElementById('drag-hint');
  if (hint) {
    hint.hidden = false;
  }

  list.addEventListener('dragstart', (event) => {
    dragged = event.target.closest('li[data-slug]');
    if (!dragged) {
      return;
    }
    dragged.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', dragged.dataset.slug);
  });

  list.addEventListener('dragover', (event) => {
    const over = event.target.closest('li[data-slug]');
    if (!dragged || !over || over === dragged) {
      if (dragged) {
        event.preventDefault();
      }
      return;
    }
    event.preventDefault();
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });

  list.addEventListener('dragend', () => {
    if (dragged) {
      dragged.classList.remove('dragging');
    }
    dragged = null;
  });

  list.addEventListener('drop', (event) => {
    event.preventDefault();
    if (!dragged) {
      return;
    }
    dragged.classList.remove('dragging');
    dragged = null;
    for (const old of form.querySelectorAll('input[name="items"]')) {
      old.remove();
    }
    for (const item of items()) {
      const field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'items';
      field.value = item.dataset.slug;
      form.append(field);
    }
    form.submit();
  });
}
