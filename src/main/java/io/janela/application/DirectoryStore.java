package io.janela.application;

import io.janela.domain.template.TemplateStatusChange;
import java.time.LocalDate;

/** Data that belongs to the desk as a whole rather than to one contact. */
public interface DirectoryStore {

    /** The next number of the day's protocol sequence, starting at 1. */
    long nextProtocolSequence(LocalDate day);

    void recordTemplateStatus(TemplateStatusChange change);
}
