"""The Library tab's work: the indexed transcripts as rows, and deletions.

Uploads do not go through Gradio: the page sends each file to `POST /api/v1/documents`
(`UPLOAD_JS`), so they meet the same key check, size limits and parse budget as the REST
API, and Gradio never holds a file. Deletions go through Gradio but ask the same rule
(`WriteRule`, the API's `KeyRing.refusal`) whether the key may write.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.service import QAService

DOC_HEADERS = ["Date", "Title", "Passages", "Source", "Document id"]
DOC_WIDTHS = ["11%", "37%", "8%", "22%", "22%"]
RESULT_HEADERS = ["File", "Result", "Passages", "Details"]
# why a write with this key is refused (no keys configured, no key, a wrong key), or None
WriteRule = Callable[[str | None], str | None]
DISABLED = ("Uploads and deletes are disabled on this server: set PRESSBOT_API_KEYS to "
            "enable them.")


def no_writes(_key: str | None) -> str | None:
    return DISABLED


def document_rows(service: QAService) -> list[list[object]]:
    """One row per indexed transcript, newest first."""
    docs = sorted(service.documents(), key=lambda d: (d.date or "", d.doc_id), reverse=True)
    return [[d.date or "undated", d.title or d.doc_id, d.passages, d.source or "", d.doc_id]
            for d in docs]


def refused(rule: WriteRule, key: str | None) -> str | None:
    """Why a write is refused, in a sentence for the page, or None when it may go ahead."""
    key = (key or "").strip() or None
    why = rule(key)
    if why is None:
        return None
    if key is None and "required" in why:
        return "Enter an API key to upload or delete transcripts."
    if why.startswith("the API key is not valid"):
        return "That API key is not valid."
    return why[:1].upper() + why[1:]


UPLOAD_HTML = """
<div id="pb-upload" class="pb-upload">
  <label class="pb-upload-label">Upload transcripts (.txt .md .html .pdf .docx)
    <input type="file" multiple accept=".txt,.md,.html,.htm,.pdf,.docx"></label>
  <button id="pb-upload-send" type="button" class="lg primary">Index the files</button>
  <progress id="pb-upload-progress" max="1" value="0" hidden></progress>
  <p id="pb-upload-note" role="status"></p>
  <table id="pb-upload-results"><thead><tr><th>File</th><th>Result</th><th>Passages</th>
    <th>Details</th></tr></thead><tbody></tbody></table>
</div>
"""

# one listener (installed once, with the page's other script): each chosen file is sent to
# the REST API with the key typed in the Library, one request a file, and its result shown
UPLOAD_JS = """
  document.addEventListener('click', async (event) => {
    const send = event.target.closest('#pb-upload-send');
    if (!send || send.disabled) return;
    event.preventDefault();
    const input = document.querySelector('#pb-upload input[type=file]');
    const keyBox = document.querySelector('#pb-key input');
    const note = document.getElementById('pb-upload-note');
    const bar = document.getElementById('pb-upload-progress');
    const body = document.querySelector('#pb-upload-results tbody');
    const files = Array.from((input && input.files) || []);
    const key = keyBox ? keyBox.value.trim() : '';
    if (!files.length) { note.textContent = 'Choose files to upload.'; return; }
    if (keyBox && !key) {
      note.textContent = 'Enter an API key to upload or delete transcripts.'; return;
    }
    body.replaceChildren();
    const row = (cells) => {
      const tr = document.createElement('tr');
      for (const cell of cells) {
        const td = document.createElement('td');
        td.textContent = String(cell); tr.appendChild(td);
      }
      body.appendChild(tr);
    };
    send.disabled = true; bar.hidden = false; bar.max = files.length; bar.value = 0;
    let indexed = 0, refusal = '';
    for (const [i, file] of files.entries()) {
      note.textContent = `Indexing ${file.name} (${i + 1} of ${files.length})`;
      const form = new FormData();
      form.append('files', file, file.name);
      try {
        const reply = await fetch('/api/v1/documents', {method: 'POST', body: form,
          headers: key ? {'X-API-Key': key} : {}, credentials: 'same-origin'});
        const data = await reply.json().catch(() => ({}));
        if (reply.ok) {
          for (const r of data.files || []) {
            indexed += r.status === 'indexed';
            row([r.path, r.status, r.passages,
                 r.reason || (r.duplicate_of ? 'same text as ' + r.duplicate_of : '')]);
          }
        } else {
          const message = (data.error && data.error.message) || reply.statusText;
          row([file.name, 'failed', 0, message]);
          if (reply.status === 401 || reply.status === 403) { refusal = message; break; }
        }
      } catch (error) {
        row([file.name, 'failed', 0, String(error)]);
      }
      bar.value = i + 1;
    }
    send.disabled = false; bar.hidden = true;
    note.textContent = refusal ? refusal.charAt(0).toUpperCase() + refusal.slice(1)
      : `Uploaded ${files.length} file(s): ${indexed} indexed.`;
    if (input) input.value = '';
    const refresh = document.querySelector('#pb-library-refresh');
    if (refresh) refresh.click();
  });
"""
