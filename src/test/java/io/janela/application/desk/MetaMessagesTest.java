package io.janela.application.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.janela.domain.message.MessageContent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Meta's documented inbound message shapes, read into what the desk shows; anything else kept whole. */
class MetaMessagesTest {

    @Test
    void everyKindMetaDocumentsIsRead() {
        assertEquals(new MessageContent.Text("Oi"), MetaMessages.content("text", """
                {"from":"5511987654321","id":"wamid.1","timestamp":"1795251600","type":"text","text":{"body":"Oi"}}"""));
        assertEquals(new MessageContent.Media("document", "1003383421387256", Optional.of("application/pdf"),
                Optional.of("nota"), Optional.of("nota.pdf")), MetaMessages.content("document", """
                {"type":"document","document":{"caption":"nota","filename":"nota.pdf","mime_type":"application/pdf",
                 "sha256":"x","id":"1003383421387256"}}"""));
        assertEquals(new MessageContent.Media("sticker", "77", Optional.of("image/webp"), Optional.empty(), Optional.empty()),
                MetaMessages.content("sticker", """
                {"type":"sticker","sticker":{"mime_type":"image/webp","sha256":"x","id":"77","animated":false}}"""));
        assertEquals(new MessageContent.Location(-23.5, -46.6, Optional.empty(), Optional.empty()),
                MetaMessages.content("location", """
                {"type":"location","location":{"latitude":-23.5,"longitude":-46.6}}"""));
        assertEquals(new MessageContent.InteractiveReply("list_reply", "row-1", "Segunda via"),
                MetaMessages.content("interactive", """
                {"type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"row-1","title":"Segunda via",
                 "description":"boleto"}}}"""));
        assertEquals(new MessageContent.Contacts(List.of(new MessageContent.ContactCard(Optional.of("Bruno"),
                List.of("+55 11 98888-7777", "+55 11 3333-4444")))), MetaMessages.content("contacts", """
                {"type":"contacts","contacts":[{"name":{"formatted_name":"Bruno"},
                 "phones":[{"phone":"+55 11 98888-7777"},{"phone":"+55 11 3333-4444","type":"WORK"}]}]}"""));
        assertEquals(new MessageContent.Reaction("wamid.A", ""), MetaMessages.content("reaction", """
                {"type":"reaction","reaction":{"message_id":"wamid.A"}}"""), "no emoji: the reaction was taken back");
    }

    @Test
    void whatJanelaDoesNotReadIsKeptWhole() {
        String order = """
                {"type":"order","order":{"catalog_id":"1","product_items":[]}}""";
        assertEquals(new MessageContent.Other("order", order), MetaMessages.content("order", order));
        String textWithoutBody = """
                {"type":"text","text":{}}""";
        assertEquals(new MessageContent.Other("text", textWithoutBody), MetaMessages.content("text", textWithoutBody));
        assertEquals(new MessageContent.Other("text", "not json"), MetaMessages.content("text", "not json"));
        String nfm = """
                {"type":"interactive","interactive":{"type":"nfm_reply","nfm_reply":{"response_json":"{}"}}}""";
        assertEquals(new MessageContent.Other("interactive", nfm), MetaMessages.content("interactive", nfm));
    }
}
