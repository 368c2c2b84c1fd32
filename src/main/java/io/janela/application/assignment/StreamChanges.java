package io.janela.application.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a change on the tables' streams asks of assignment. The change comes as Lambda delivers a
 * DynamoDB stream record: its event name and its images in DynamoDB JSON; reading them is the
 * storage adapter's business, which knows how items are laid out.
 */
public interface StreamChanges {

    /**
     * @param eventName INSERT, MODIFY or REMOVE
     * @param keys the record's {@code Keys}
     * @param newImage its {@code NewImage} (absent for REMOVE)
     * @param oldImage its {@code OldImage} (absent for INSERT)
     */
    List<AssignmentSignal> signals(String eventName, JsonNode keys, JsonNode newImage, JsonNode oldImage);
}
