package dev.atom.workspace.search;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * How a {@link SearchDocument} is laid out in Lucene. Two kinds of Lucene documents: the searchable {@code doc}
 * (BM25 fields, stored for display) and, added later by the embedding pass, a {@code vec} document per key holding
 * the vector plus copies of the fields every filter reads (so a vector query is filtered exactly like a text one).
 */
final class IndexFields {
    static final String KIND = "kind";
    static final String DOC = "doc";
    static final String VEC = "vec";
    static final String KEY = "key";
    static final String VKEY = "vkey";
    static final String VHASH = "vhash";
    static final String TYPE = "type";
    static final String ID = "id";
    static final String WORKSPACE = "ws";
    static final String CONNECTION = "conn";
    static final String OWNER = "owner";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String OTHER = "other";
    static final String FROM = "from";
    static final String SOURCE = "source";
    static final String SOURCE_KEY = "srckey";
    static final String TIME = "time";
    static final String TIME_STORED = "time_s";
    static final String LINK = "link";
    static final String STAMP = "stamp";
    static final String VECTOR = "vector";
    /** A digest of everything a document was made from (set by live updates, so a re-sent item is skipped). */
    static final String CONTENT = "content";
    /** Stands for "none" in keyword fields (no connection, no owner): terms cannot be null. */
    static final String NONE = "-";

    private IndexFields() {}

    static Document toDocument(SearchDocument d, String stamp) {
        Document doc = new Document();
        String key = SearchDocumentsChanged.key(d.type(), d.id());
        doc.add(new StringField(KIND, DOC, Field.Store.NO));
        doc.add(new StringField(KEY, key, Field.Store.YES));
        doc.add(new StringField(TYPE, d.type(), Field.Store.YES));
        doc.add(new StoredField(ID, d.id()));
        doc.add(new StringField(STAMP, stamp, Field.Store.NO));
        addFilterFields(doc, d.workspaceId(), d.connectionId(), d.ownerUserId(), d.source(), d.time());
        doc.add(new TextField(TITLE, nullToEmpty(d.title()), Field.Store.YES));
        doc.add(new TextField(BODY, nullToEmpty(d.body()), Field.Store.YES));
        String from = d.fields().get("from");
        if (from != null) {
            doc.add(new TextField(FROM, from, Field.Store.YES));
        }
        String other = d.fields().entrySet().stream()
                .map(Map.Entry::getValue)
                .filter(v -> v != null && !v.isBlank())
                .collect(Collectors.joining(" \n "));
        doc.add(new TextField(OTHER, other + " \n " + nullToEmpty(d.source()), Field.Store.NO));
        if (d.source() != null) {
            doc.add(new StoredField(SOURCE, d.source()));
        }
        if (d.link() != null) {
            doc.add(new StoredField(LINK, d.link()));
        }
        return doc;
    }

    /** {@link #toDocument} plus the digest of its content, for {@link #sameContent}. */
    static Document toDocumentWithDigest(SearchDocument d, String stamp) {
        Document doc = toDocument(d, stamp);
        doc.add(new StoredField(CONTENT, digest(d)));
        return doc;
    }

    /** True when {@code indexed} (a stored main document, or null) was made from the same content as {@code next}. */
    static boolean sameContent(Document indexed, Document next) {
        return indexed != null && next.get(CONTENT) != null && next.get(CONTENT).equals(indexed.get(CONTENT));
    }

    private static String digest(SearchDocument d) {
        try {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Object part : new Object[] {
                d.type(),
                d.id(),
                d.workspaceId(),
                d.connectionId(),
                d.ownerUserId(),
                d.title(),
                d.body(),
                d.source(),
                d.time(),
                d.link(),
                new java.util.TreeMap<>(d.fields())
            }) {
                sha.update(String.valueOf(part).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vector document of {@code main} (a stored {@code doc}): the same filter fields, the vector and a hash. */
    static Document toVectorDocument(Document main, float[] vector, String hash) {
        Document doc = new Document();
        doc.add(new StringField(KIND, VEC, Field.Store.NO));
        doc.add(new StringField(VKEY, main.get(KEY), Field.Store.YES));
        doc.add(new StringField(VHASH, hash, Field.Store.YES));
        doc.add(new StringField(TYPE, main.get(TYPE), Field.Store.NO));
        String time = main.get(TIME_STORED);
        addFilterFields(
                doc,
                main.get(WORKSPACE),
                noneToNull(main.get(CONNECTION)),
                noneToNull(main.get(OWNER)),
                main.get(SOURCE),
                time == null ? null : Instant.ofEpochMilli(Long.parseLong(time)));
        String from = main.get(FROM);
        if (from != null) {
            doc.add(new TextField(FROM, from, Field.Store.NO));
        }
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        return doc;
    }

    /** What the embedding of {@code main} depends on: its text and every copied filter field. */
    static String embedText(Document main, int chars) {
        String text = nullToEmpty(main.get(TITLE)) + "\n" + nullToEmpty(main.get(BODY));
        return text.length() <= chars ? text : text.substring(0, chars);
    }

    static String vectorHash(Document main, String embedText) {
        String all = String.join(
                "\u0000",
                embedText,
                String.valueOf(main.get(WORKSPACE)),
                String.valueOf(main.get(CONNECTION)),
                String.valueOf(main.get(OWNER)),
                String.valueOf(main.get(SOURCE)),
                String.valueOf(main.get(TIME_STORED)),
                String.valueOf(main.get(FROM)));
        return Integer.toHexString(all.hashCode()) + ":" + all.length();
    }

    private static void addFilterFields(
            Document doc, String workspaceId, String connectionId, String owner, String source, Instant time) {
        doc.add(new StringField(WORKSPACE, workspaceId, Field.Store.YES));
        doc.add(new StringField(CONNECTION, connectionId == null ? NONE : connectionId, Field.Store.YES));
        doc.add(new StringField(OWNER, owner == null ? NONE : owner, Field.Store.YES));
        if (source != null) {
            doc.add(new StringField(SOURCE_KEY, source.toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        if (connectionId != null) {
            doc.add(new StringField(SOURCE_KEY, connectionId, Field.Store.NO));
        }
        if (time != null) {
            doc.add(new LongField(TIME, time.toEpochMilli(), Field.Store.NO));
            doc.add(new StoredField(TIME_STORED, String.valueOf(time.toEpochMilli())));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String noneToNull(String s) {
        return s == null || NONE.equals(s) ? null : s;
    }
}
