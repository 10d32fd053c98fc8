// Package catalogio converts the procedure catalogue (a
// motcua.CatalogSnapshot: decisions and procedure versions) to and from
// files, with no database: the motcua-catalog JSON format (WriteJSON,
// ReadJSON) and a workbook for bulk entry by hand (WriteXLSX, ReadXLSX,
// WriteTemplate). docs/catalog-template.md documents both formats.
//
// Readers are strict and exhaustive: they report every problem they find,
// up to MaxProblems, each naming the element ("Thủ tục thứ 3 (1.001193),
// bước 2: …") or the sheet and row ("Quy trình, dòng 7: …"), in one
// motcua.EINVALID error, and then return no snapshot. They check what a
// file alone can tell; rules that need the catalogue in the database are
// store.DB.ImportCatalog's, which names a version by its Source.
//
// Writers are deterministic: the same catalogue gives the same bytes, in
// the order and form Normalize describes. They refuse what the readers
// would refuse, so that every file written reads back: for every snapshot
// s that WriteJSON accepts, ReadJSON(WriteJSON(s)) and
// ReadXLSX(WriteXLSX(s)) equal Normalize(s) but for CatalogVersion.Source.
package catalogio
