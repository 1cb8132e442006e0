package dev.atom.workspace.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns a {@link SearchRequest} into Lucene queries: BM25 over title (boosted most), body and the other fields,
 * a word the index (nearly) lacks also matched with typos (fuzzy, weaker), phrases exact, a recency boost, and the filters every hit must
 * pass: the caller's workspace, what they may see, the types, the source and the time range.
 */
final class QueryBuilding {
    static final float TITLE_BOOST = 3f;
    static final float BODY_BOOST = 1f;
    static final float OTHER_BOOST = 0.5f;
    static final float FUZZY_FACTOR = 0.4f;
    /** A word found as typed in fewer documents than this may be a typo: it is also matched fuzzily. */
    static final int FUZZY_BELOW = 3;
    /** Typos rarely hit the first letter, and fixing it keeps the term-dictionary walk short. */
    static final int PREFIX = 1;
    /** The closest terms a typo expands to (nearest first, most frequent among equals). */
    static final int MAX_EXPANSIONS = 16;

    private final Analyzer analyzer;
    private final QueryBuilder builder;

    QueryBuilding(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.builder = new QueryBuilder(analyzer);
    }

    /**
     * The words and phrases: {@code match} finds and scores (null when the text has none), {@code highlight} is
     * what the snippet marks, in plain terms and phrases (the highlighter re-analyses each hit, and a fuzzy query
     * there would build its automaton again for every hit).
     */
    record Text(Query match, Query highlight) {}

    Text text(QueryText text, IndexSearcher searcher) throws IOException {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        BooleanQuery.Builder marks = new BooleanQuery.Builder();
        boolean any = false;
        for (String word : text.words()) {
            for (String token : tokens(word)) {
                q.add(word(token, searcher, marks), Occur.MUST);
                any = true;
            }
        }
        for (String phrase : text.phrases()) {
            List<Query> fields = new ArrayList<>();
            addBoosted(fields, builder.createPhraseQuery(IndexFields.TITLE, phrase), TITLE_BOOST);
            addBoosted(fields, builder.createPhraseQuery(IndexFields.BODY, phrase), BODY_BOOST);
            addBoosted(fields, builder.createPhraseQuery(IndexFields.OTHER, phrase), OTHER_BOOST);
            if (!fields.isEmpty()) {
                q.add(new DisjunctionMaxQuery(fields, 0.1f), Occur.MUST);
                Query body = builder.createPhraseQuery(IndexFields.BODY, phrase);
                if (body != null) {
                    marks.add(body, Occur.SHOULD);
                }
                any = true;
            }
        }
        return any ? new Text(q.build(), marks.build()) : new Text(null, null);
    }
    /** The full BM25 query: text (or everything), recency, and {@code filter}. */
    Query ranked(Query text, Query filter, long nowMillis, SearchProperties properties) {
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(text == null ? new MatchAllDocsQuery() : text, Occur.MUST)
                .add(filter, Occur.FILTER);
        if (properties.recencyWeight() > 0) {
            q.add(
                    LongField.newDistanceFeatureQuery(
                            IndexFields.TIME,
                            properties.recencyWeight().floatValue(),
                            nowMillis,
                            Math.max(1, properties.recencyPivot().toMillis())),
                    Occur.SHOULD);
        }
        return q.build();
    }

    /** What every hit must satisfy, for documents of {@code kind} (main or vector documents). */
    Query filter(SearchRequest r, String kind) {
        BooleanQuery.Builder f = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, kind)), Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.WORKSPACE, r.workspaceId())), Occur.FILTER)
                .add(visibleTo(r), Occur.FILTER);
        List<String> types = new ArrayList<>(r.types());
        if (!r.text().types().isEmpty()) {
            types = types.isEmpty()
                    ? new ArrayList<>(r.text().types())
                    : types.stream().filter(r.text().types()::contains).toList();
            if (types.isEmpty()) {
                types = List.of("\u0000none"); // the API and type: disagree: nothing matches
            }
        }
        if (!types.isEmpty()) {
            f.add(new TermInSetQuery(IndexFields.TYPE, bytes(types)), Occur.FILTER);
        }
        if (r.source() != null) {
            f.add(
                    new TermInSetQuery(
                            IndexFields.SOURCE_KEY,
                            bytes(List.of(r.source(), r.source().toLowerCase(Locale.ROOT)))),
                    Occur.FILTER);
        }
        if (r.from() != null || r.to() != null) {
            long lo = r.from() == null ? Long.MIN_VALUE : r.from().toEpochMilli();
            long hi = r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli() - 1; // to is exclusive
            f.add(LongField.newRangeQuery(IndexFields.TIME, lo, hi), Occur.FILTER);
        }
        for (String from : r.text().from()) {
            Query q = builder.createBooleanQuery(IndexFields.FROM, from, Occur.MUST);
            f.add(q == null ? new TermQuery(new Term(IndexFields.FROM, from)) : q, Occur.FILTER);
        }
        return f.build();
    }

    /** Synced items of connections the caller may read, and Atom's own items that are shared or theirs. */
    private static Query visibleTo(SearchRequest r) {
        Query own = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.CONNECTION, IndexFields.NONE)), Occur.FILTER)
                .add(new TermInSetQuery(IndexFields.OWNER, bytes(List.of(IndexFields.NONE, r.userId()))), Occur.FILTER)
                .build();
        BooleanQuery.Builder visible = new BooleanQuery.Builder().add(own, Occur.SHOULD);
        if (!r.visibleConnections().isEmpty()) {
            visible.add(
                    new TermInSetQuery(IndexFields.CONNECTION, bytes(List.copyOf(r.visibleConnections()))),
                    Occur.SHOULD);
        }
        return visible.setMinimumNumberShouldMatch(1).build();
    }

    /**
     * One word over the fields; typos are tolerated only for a word the index (nearly) lacks: expanding every
     * word would cost most of a search and bring noise to words that match as typed. The expansion is resolved
     * here, once, so the highlighter marks the terms it found.
     */
    private static Query word(String token, IndexSearcher searcher, BooleanQuery.Builder marks) throws IOException {
        List<Query> fields = new ArrayList<>();
        fields.add(new BoostQuery(new TermQuery(new Term(IndexFields.TITLE, token)), TITLE_BOOST));
        fields.add(new TermQuery(new Term(IndexFields.BODY, token)));
        fields.add(new BoostQuery(new TermQuery(new Term(IndexFields.OTHER, token)), OTHER_BOOST));
        marks.add(new TermQuery(new Term(IndexFields.BODY, token)), Occur.SHOULD);
        int edits = token.length() < 4 ? 0 : token.length() < 8 ? 1 : 2;
        if (edits > 0 && exactHits(searcher, token) < FUZZY_BELOW) {
            Query title = searcher.rewrite(fuzzy(IndexFields.TITLE, token, edits));
            Query body = searcher.rewrite(fuzzy(IndexFields.BODY, token, edits));
            fields.add(new BoostQuery(title, TITLE_BOOST * FUZZY_FACTOR));
            fields.add(new BoostQuery(body, BODY_BOOST * FUZZY_FACTOR));
            body.visit(new QueryVisitor() {
                @Override
                public void consumeTerms(Query query, Term... terms) {
                    for (Term t : terms) {
                        marks.add(new TermQuery(t), Occur.SHOULD);
                    }
                }

                @Override
                public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                    return this;
                }
            });
        }
        return new DisjunctionMaxQuery(fields, 0.1f);
    }

    /** Documents with the word as typed in title or body (an upper bound: deleted ones count until merged). */
    private static int exactHits(IndexSearcher searcher, String token) throws IOException {
        var reader = searcher.getIndexReader();
        return reader.docFreq(new Term(IndexFields.TITLE, token)) + reader.docFreq(new Term(IndexFields.BODY, token));
    }

    private static Query fuzzy(String field, String token, int edits) {
        return new FuzzyQuery(new Term(field, token), edits, PREFIX, MAX_EXPANSIONS, true);
    }

    private List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(IndexFields.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private static void addBoosted(List<Query> into, Query q, float boost) {
        if (q != null) {
            into.add(boost == 1f ? q : new BoostQuery(q, boost));
        }
    }

    private static List<BytesRef> bytes(List<String> values) {
        return values.stream().map(BytesRef::new).toList();
    }
}
