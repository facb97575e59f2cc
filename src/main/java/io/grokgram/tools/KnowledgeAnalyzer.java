package io.grokgram.tools;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The English analysis of {@link KnowledgeBase}: Lucene's English chain (possessives, lower case, Porter stemming)
 * with a stop list that also drops the words a question is made of ("how do I", "what is", "can my", "where"), since
 * users ask in sentences while articles are written as statements, and those words otherwise match every article.
 * The same chain serves documents and questions, so both sides stem alike.
 */
final class KnowledgeAnalyzer extends Analyzer {
    /**
     * Lucene's English stop words (less "no" and "not", which change a question's meaning), then pronouns, auxiliaries,
     * question words and the filler of spoken requests ("I want", "please"): words that say how something is asked,
     * never what about. Kept out of the index too, so a question and an article agree on what counts.
     */
    private static final CharArraySet STOP_WORDS = new CharArraySet(
            List.of(("a an and are as at be but by for if in into is it of on or such that the their then there these"
                            + " they this to was will with"
                            + " i i'm im me my mine myself we us our you your yours he she him her his its them"
                            + " what which who whom whose when where why how do does did done doing can could would"
                            + " should shall may might must am been being has have had having get gets got want wants"
                            + " need needs please so some any about from just also too very here anything something"
                            + " thing things way")
                    .split(" ")),
            true);

    static final KnowledgeAnalyzer INSTANCE = new KnowledgeAnalyzer();

    private KnowledgeAnalyzer() {}

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, STOP_WORDS);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
