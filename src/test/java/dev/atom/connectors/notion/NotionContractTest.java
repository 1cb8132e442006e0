package dev.atom.connectors.notion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The corrected Notion description still refuses what Notion refuses, so the connector tests can fail. */
class NotionContractTest {
    private static final String PARAGRAPH =
            "{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"Hi\"}}]}}";

    @Test
    void takesBlockObjectsAsPageChildrenAndTimestampSorts() {
        assertThat(NotionContract.contract()
                        .violations(
                                "POST",
                                "/v1/pages",
                                "application/json",
                                "{\"parent\":{\"page_id\":\"3c4d5e6f-7081-4293-a4b5-c6d7e8f90123\"},"
                                        + "\"properties\":{},\"children\":[" + PARAGRAPH + "]}"))
                .isEmpty();
        assertThat(NotionContract.contract()
                        .violations(
                                "POST",
                                "/v1/data_sources/x/query",
                                "application/json",
                                "{\"sorts\":[{\"timestamp\":\"last_edited_time\",\"direction\":\"ascending\"}]}"))
                .isEmpty();
    }

    @Test
    void refusesMalformedBlocksSortsAndParents() {
        assertThat(NotionContract.contract()
                        .violations(
                                "PATCH",
                                "/v1/blocks/x/children",
                                "application/json",
                                "{\"children\":[{\"type\":\"paragraph\",\"paragraph\":{\"text\":\"Hi\"}}]}"))
                .isNotEmpty();
        assertThat(NotionContract.contract()
                        .violations(
                                "POST",
                                "/v1/data_sources/x/query",
                                "application/json",
                                "{\"sorts\":[{\"timestamp\":\"last_edited_time\",\"direction\":\"up\"}]}"))
                .isNotEmpty();
        assertThat(NotionContract.contract()
                        .violations(
                                "POST",
                                "/v1/pages",
                                "application/json",
                                "{\"parent\":{\"page_id\":\"not-a-uuid\"},\"properties\":{}}"))
                .isNotEmpty();
    }
}
