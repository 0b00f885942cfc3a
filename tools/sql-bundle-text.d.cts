/** The text the bundle carries for a .sql file (tools/sql-bundle-text.cjs). */
export declare function bundledSqlText(text: string): string;
