# Ligatures shown, per font, in `mutool trace` output: a glyph whose
# letters go on in <g> elements without a glyph of their own (the further
# letters of its /ToUnicode entry). Prints "font count" for each font that
# shows text, 0 when it shows no ligature.
/<span / { font = $0; sub(/.*font="/, "", font); sub(/".*/, "", font); seen[font] = 1; prev = 0 }
/<g / {
    if ($0 ~ / glyph="/) prev = 1
    else if (prev) { n[font]++; prev = 0 }
}
END { for (f in seen) print f, n[f] + 0 }
