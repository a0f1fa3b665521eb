#!/usr/bin/env bash
# Writes docs/sql-dialect.md into Sources/RTKQLMCP/Resources/DialectDocument.swift, so `rtkql mcp` serves
# the dialect without the repository (`make mcp-docs`; DialectDocumentTests fails when the copy is stale).
set -euo pipefail
cd "$(dirname "$0")/.."
source=docs/sql-dialect.md
target=Sources/RTKQLMCP/Resources/DialectDocument.swift
if grep -q '"###' "$source"; then echo "$source contains \"###, which would end the raw string" >&2; exit 1; fi
{
  echo '// Generated from docs/sql-dialect.md by scripts/embed-dialect-doc.sh (make mcp-docs). Do not edit.'
  echo ''
  echo '/// docs/sql-dialect.md, served as the MCP resource rtkql://docs/sql-dialect.'
  echo 'enum DialectDocument {'
  echo '    /// The document'"'"'s text, byte for byte.'
  echo '    static let text = ###"""'
  cat "$source"
  echo ''
  echo '"""###'
  echo '}'
} >"$target.tmp"
mv "$target.tmp" "$target"
