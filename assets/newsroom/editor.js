// The article form's JavaScript, bundled by esbuild into static/gen/editor.js (see
// cmake/EditorBundle.cmake). Progressive enhancement only: without it the form is plain HTML
// that works as it is (the body is a textarea, empty sub-headline boxes are ignored).
import Editor from '@toast-ui/editor';
import '@toast-ui/editor/dist/i18n/ko-kr';
import '@toast-ui/editor/dist/toastui-editor.css';

// The textarea stays the form field: the editor replaces it on screen and writes its
// Markdown back into it on every change and before every submit (save and preview).
function enhanceBody(form) {
  const textarea = form.querySelector('textarea[data-editor="markdown"]');
  if (!textarea || textarea.closest('fieldset[disabled]')) return;
  const host = document.createElement('div');
  host.className = 'nr-editor';
  host.id = 'body-editor';
  textarea.after(host);
  textarea.hidden = true;
  const editor = new Editor({
    el: host,
    initialValue: textarea.value,
    initialEditType: 'markdown',
    previewStyle: 'vertical',
    height: '480px',
    language: document.documentElement.lang === 'ko' ? 'ko-KR' : 'en-US',
    usageStatistics: false,  // the editor would otherwise report to an analytics service
    autofocus: false,
  });
  const sync = () => {
    textarea.value = editor.getMarkdown();
  };
  editor.on('change', sync);
  form.addEventListener('submit', sync);
  const label = form.querySelector('label[for="body"]');
  if (label) label.addEventListener('click', () => editor.focus());
}

// Sub-headline bullets: add and remove boxes (without JavaScript an empty box is offered and
// a cleared box is dropped on save).
function enhanceSubheadlines(form) {
  const list = form.querySelector('#subheadline-list');
  const add = form.querySelector('#add-subheadline');
  if (!list || !add || list.closest('fieldset[disabled]')) return;
  const wire = (item) => {
    const remove = item.querySelector('.nr-remove');
    remove.hidden = false;
    remove.addEventListener('click', () => {
      if (list.children.length > 1) {
        item.remove();
      } else {
        item.querySelector('input').value = '';
      }
    });
  };
  for (const item of list.children) wire(item);
  add.hidden = false;
  add.addEventListener('click', () => {
    const item = list.lastElementChild.cloneNode(true);
    item.querySelector('input').value = '';
    list.append(item);
    wire(item);
    item.querySelector('input').focus();
  });
}

const form = document.getElementById('article-form');
if (form) {
  enhanceSubheadlines(form);
  enhanceBody(form);
}
