package io.grokgram.sandbox;

import java.util.List;

/** Text after markup parsing: visible text plus raw entities with UTF-16 offsets. */
record ParsedText(String text, List<RawEntity> entities) {}
