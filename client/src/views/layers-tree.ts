// The Layers tree view: layers 1 to 7 with their findings, across the workspace or for the active
// file only. The grouping lives in layers-model.ts; this file only adapts it to VS Code.
import {
  commands, DiagnosticSeverity, EventEmitter, languages, Range, ThemeColor, ThemeIcon, TreeItem,
  TreeItemCollapsibleState, Uri, window, workspace,
  type Diagnostic, type Disposable, type TreeDataProvider, type TreeView,
} from 'vscode';
import {
  countLabel, findingLocation, findingShortLocation, groupByLayer, type DiagnosticLike, type FileDiagnostics, type FindingSeverity,
  type LayerFinding, type LayerGroup,
} from './layers-model';
import { debounce } from './debounce';

export const LAYERS_VIEW_ID = 'layerwise.layers';
/** Context key read by the view/title menu to show the right half of the toggle. */
const ACTIVE_ONLY_KEY = 'layerwise.layers.activeFileOnly';

type Node = LayerGroup | LayerFinding;

const SEVERITY: Record<DiagnosticSeverity, FindingSeverity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

const ICON: Record<FindingSeverity, ThemeIcon> = {
  error: new ThemeIcon('error', new ThemeColor('problemsErrorIcon.foreground')),
  warning: new ThemeIcon('warning', new ThemeColor('problemsWarningIcon.foreground')),
  info: new ThemeIcon('info', new ThemeColor('problemsInfoIcon.foreground')),
  hint: new ThemeIcon('lightbulb'),
};

function toLike(d: Diagnostic): DiagnosticLike {
  return {
    message: d.message,
    source: d.source,
    code: d.code as DiagnosticLike['code'],
    severity: SEVERITY[d.severity],
    line: d.range.start.line,
    character: d.range.start.character,
    endLine: d.range.end.line,
    endCharacter: d.range.end.character,
    // vscode-languageclient keeps the server's `data` on its diagnostic subclass.
    data: (d as Diagnostic & { data?: unknown }).data,
  };
}

function collect(): FileDiagnostics[] {
  return languages.getDiagnostics().map(([uri, diagnostics]) => ({
    uri: uri.toString(),
    label: workspace.asRelativePath(uri, workspace.workspaceFolders !== undefined && workspace.workspaceFolders.length > 1),
    diagnostics: diagnostics.map(toLike),
  }));
}

function isGroup(n: Node): n is LayerGroup {
  return 'layer' in n;
}

class LayersProvider implements TreeDataProvider<Node>, Disposable {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  activeOnly = false;
  private groups: LayerGroup[] = [];

  refresh(): void {
    const active = this.activeOnly ? window.activeTextEditor?.document.uri.toString() ?? '' : undefined;
    this.groups = groupByLayer(collect(), active);
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  total(): number {
    return this.groups.reduce((n, g) => n + g.findings.length, 0);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.groups;
    return isGroup(node) ? node.findings : [];
  }

  getTreeItem(node: Node): TreeItem {
    return isGroup(node) ? groupItem(node) : findingItem(node);
  }
}

function groupItem(g: LayerGroup): TreeItem {
  const n = g.findings.length;
  const item = new TreeItem(g.label, n ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.None);
  item.id = `layer-${g.layer}`;
  item.description = `${n || '–'}  ${g.check}`;
  item.tooltip = `${g.label}: ${countLabel(n)}\n${g.check}`;
  item.accessibilityInformation = { label: `${g.label}, ${countLabel(n)}. ${g.check}` };
  item.iconPath = new ThemeIcon(n ? 'layers-active' : 'layers');
  item.contextValue = 'layer';
  return item;
}

/** A finding reads file, line, message: the location leads, the message follows. */
function findingItem(f: LayerFinding): TreeItem {
  const item = new TreeItem(findingShortLocation(f), TreeItemCollapsibleState.None);
  const where = findingLocation(f);
  item.description = f.message;
  item.tooltip = `${f.message}\n${where}${f.rule ? `  (${f.rule})` : ''}`;
  item.accessibilityInformation = { label: `${f.severity}: ${f.message}, ${where}` };
  item.iconPath = ICON[f.severity];
  item.contextValue = 'finding';
  item.command = {
    command: 'vscode.open',
    title: 'Open finding',
    arguments: [Uri.parse(f.uri), { selection: new Range(f.line, f.character, f.endLine, f.endCharacter) }],
  };
  return item;
}

function activeFileMessage(): string {
  const doc = window.activeTextEditor?.document;
  return doc ? `Findings of ${workspace.asRelativePath(doc.uri)} only.` : 'Findings of the active file only: no file is active.';
}

/** Creates the view, its toggle commands and the listeners that keep it current. */
export function registerLayersView(): Disposable[] {
  const provider = new LayersProvider();
  const view: TreeView<Node> = window.createTreeView(LAYERS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const update = () => {
    provider.refresh();
    view.description = provider.activeOnly ? 'active file' : undefined;
    view.message = provider.activeOnly ? activeFileMessage() : undefined;
    const total = provider.total();
    view.badge = total ? { value: total, tooltip: countLabel(total) } : undefined;
  };
  const setActiveOnly = (on: boolean) => {
    provider.activeOnly = on;
    void commands.executeCommand('setContext', ACTIVE_ONLY_KEY, on);
    update();
  };
  setActiveOnly(false);
  const later = debounce(update, 150);
  return [
    view,
    provider,
    { dispose: later.dispose },
    languages.onDidChangeDiagnostics(later),
    window.onDidChangeActiveTextEditor(() => {
      if (provider.activeOnly) update();
    }),
    commands.registerCommand('layerwise.layers.activeFileOnly', () => setActiveOnly(true)),
    commands.registerCommand('layerwise.layers.wholeWorkspace', () => setActiveOnly(false)),
  ];
}
