// The embedded API hands out rows of `SQLValue`s and syntax positions: make those types visible
// to `import RTKQL` users without a second import.
@_exported import RTKQLStorage
@_exported import struct RTKQLSyntax.SourceLocation
@_exported import struct RTKQLSyntax.SourceRange
@_exported import struct RTKQLSyntax.ParsedStatement
@_exported import struct RTKQLSyntax.ParseError
@_exported import enum RTKQLPlanning.RawValue
@_exported import RTKQLJSON
@_exported import enum RTKQLSyntax.StatementSplitter
