// Where a file imports from, read off its AST: static imports and re-exports, `import()` with a
// literal, `import x = require()` and `import('…').T` types. Type-only imports count: a type is
// vocabulary, and vocabulary above you is still above you.

/**
 * @typedef {{ node: import('estree').Node, specifier: string }} ImportSite
 * @typedef {import('eslint').Rule.RuleListener} RuleListener
 */

/**
 * @param {(site: ImportSite) => void} onImport
 * @returns {RuleListener}
 */
export function importVisitors(onImport) {
  /** @param {any} node @param {any} literal */
  const visit = (node, literal) => {
    if (literal && literal.type === 'Literal' && typeof literal.value === 'string') {
      onImport({ node, specifier: literal.value });
    }
  };
  return /** @type {RuleListener} */ ({
    /** @param {any} node */
    ImportDeclaration: (node) => visit(node, node.source),
    /** @param {any} node */
    ExportNamedDeclaration: (node) => visit(node, node.source),
    /** @param {any} node */
    ExportAllDeclaration: (node) => visit(node, node.source),
    /** @param {any} node */
    ImportExpression: (node) => visit(node, node.source),
    /** @param {any} node */
    TSImportEqualsDeclaration: (node) =>
      node.moduleReference.type === 'TSExternalModuleReference' &&
      visit(node, node.moduleReference.expression),
    /** @param {any} node */
    TSImportType: (node) => visit(node, node.argument?.literal ?? node.argument),
  });
}

/**
 * The shared settings both rules read (`settings.importGraph` in the ESLint config).
 *
 * @typedef {{ name: string, rooms: string[] }} Layer
 * @typedef {{ roots: string[], layers: Layer[] }} ImportGraphSettings
 * @param {import('eslint').Rule.RuleContext} context
 * @returns {ImportGraphSettings}
 */
export function settingsOf(context) {
  const s = /** @type {Partial<ImportGraphSettings> | undefined} */ (context.settings.importGraph);
  return { roots: s?.roots ?? ['src'], layers: s?.layers ?? [] };
}
