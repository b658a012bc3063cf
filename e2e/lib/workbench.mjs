// Helpers that drive the code-server workbench the way a user does (keyboard first: key presses
// do not depend on pixel positions). Every wait has a timeout so a missing widget fails the
// test instead of hanging it. Selectors are VS Code's own DOM classes (1.139).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SHORT = 15_000;

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Workbench {
  /** @param {import('playwright-core').Page} page @param {{ artifacts: string, log: (...a: unknown[]) => void }} opts */
  constructor(page, { artifacts, log }) {
    this.page = page;
    this.artifacts = artifacts;
    this.log = log;
    mkdirSync(artifacts, { recursive: true });
  }

  /** Saves a screenshot of the whole window as <artifacts>/<name>.png and returns its path. */
  async shot(name) {
    const path = join(this.artifacts, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Runs a command by its title through the command palette (F1). */
  async command(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: SHORT });
    await input.fill(`>${title}`);
    // Click the row whose label is exactly the title: the first row may be a longer command.
    const exact = this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) });
    await exact.first().waitFor({ timeout: SHORT });
    await exact.first().click();
    await input.waitFor({ state: 'hidden', timeout: SHORT });
  }

  /** Opens a workspace file by its path relative to the folder (Quick Open) and waits for its editor. */
  async open(relPath) {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: SHORT });
    await input.fill(relPath);
    const name = relPath.split('/').pop();
    const dir = relPath.split('/').slice(0, -1).join('/');
    // Recently opened files come first: click the row of this very path (name, then folder).
    const row = this.page.locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(name)}$`) }) })
      .filter({ has: this.page.locator('.label-description', { hasText: new RegExp(`^${escapeRe(dir)}$`) }) });
    await row.first().waitFor({ timeout: SHORT }).catch(async () => {
      const offered = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      throw new Error(`Quick Open does not offer ${relPath}: [${offered.map((t) => t.replace(/\s+/g, ' ')).slice(0, 5)}]`);
    });
    await row.first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: SHORT });
    await this.editor().locator('.view-lines').waitFor({ timeout: SHORT });
  }

  /** The active text editor. */
  editor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The language shown in the status bar for the active editor, once it equals `expected`. */
  async languageMode(expected, timeout = 30_000) {
    const mode = this.page.locator('#status\\.editor\\.mode');
    try {
      await mode.filter({ hasText: new RegExp(`^\\s*${expected}\\s*$`) }).waitFor({ timeout });
    } catch {
      throw new Error(`status bar language is "${(await mode.innerText().catch(() => '?')).trim()}", expected "${expected}"`);
    }
  }

  /** Moves the cursor with Go to Line (1-based line and column). */
  async goTo(line, column = 1) {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: SHORT });
    await input.fill(`:${line}:${column}`); // Go to Line is Quick Open with a ":" prefix
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: SHORT });
  }

  /** Text of the visible editor lines, spaces normalised. */
  async visibleText() {
    return (await this.editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once it contains `expected`. */
  async hoverAtCursor(expected) {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover-content').filter({ hasText: expected }).first();
    await hover.waitFor({ timeout: 30_000 });
    return (await hover.innerText()).trim();
  }

  /** Opens completion at the cursor and returns the labels of the rows shown. */
  async suggestLabels({ expectAny = true } = {}) {
    const widget = this.page.locator('.editor-widget.suggest-widget');
    await this.page.keyboard.press('Control+Space');
    if (expectAny) {
      await widget.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
    } else {
      // Nothing to wait for when nothing is expected: let the request settle, then read the rows.
      await widget.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
      await this.page.waitForTimeout(1_500);
    }
    if (!(await widget.isVisible())) return [];
    return widget.locator('.monaco-list-row .label-name').allInnerTexts();
  }

  /** Closes every editor without saving (edits are reverted), and the panel, so the next test starts clean. */
  async reset() {
    await this.page.keyboard.press('Escape');
    const tabs = this.page.locator('.editor-group-container .tab');
    for (let i = 0; i < 30 && (await tabs.count()) > 0; i++) await this.command('View: Revert and Close Editor');
    if (await this.page.locator('.part.panel').isVisible()) await this.command('View: Toggle Panel Visibility');
  }
}
