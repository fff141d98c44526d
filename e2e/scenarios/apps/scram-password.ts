/** The raw-kraft-scram test password: characters that need escaping in properties, JAAS and shell. */
export const SCRAM_PASSWORD = 'e2e "pa$$w0rd" [x]\\=';
