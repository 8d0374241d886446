/**
 * The most text the service checks: a declaration of 9,999 entries is about 130 KB and a
 * master list of 300,000 entries fits. Beyond this, any shape (a 50 MB line of commas is 25 million cells) would cost
 * time and memory out of proportion, so the file is refused early with `file-too-large`.
 */
export const MAX_CHECKED_CHARACTERS = 4_000_000;
