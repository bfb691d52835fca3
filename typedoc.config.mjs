// @ts-check
import { readFileSync } from "node:fs";

// Entry points derived from package.json exports, the one list of public modules (see tsup.config.ts).
const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const modules = Object.keys(pkg.exports)
  .filter((k) => k !== "." && k !== "./package.json" && !k.includes("*") && !k.endsWith(".json"))
  .map((k) => k.slice(2));

/** @type {Partial<import("typedoc").TypeDocOptions>} */
const config = {
  entryPoints: modules.map((m) => `src/${m}/index.ts`),
  "name": "itsm-kit",
  "out": "docs/api",
  "tsconfig": "tsconfig.json",
  "readme": "README.md",
  "projectDocuments": [
    "docs/*.md"
  ],
  "excludePrivate": true,
  "excludeInternal": true,
  "treatWarningsAsErrors": true,
  "validation": {
    "notExported": true,
    "invalidLink": true,
    "invalidPath": true,
    "notDocumented": true
  },
  "disableSources": true,
  "requiredToBeDocumented": [
    "Enum",
    "Variable",
    "Function",
    "Class",
    "Interface",
    "TypeAlias",
    "Method"
  ],
  "highlightLanguages": [
    "bash",
    "console",
    "css",
    "html",
    "javascript",
    "json",
    "jsonc",
    "json5",
    "yaml",
    "tsx",
    "typescript",
    "ts",
    "sh",
    "mermaid"
  ]
};
export default config;
