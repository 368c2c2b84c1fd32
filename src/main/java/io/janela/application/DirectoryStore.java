package io.janela.application;

import io.janela.domain.template.TemplateStatusChange;

/** Data that belongs to the desk as a whole rather than to one contact. */
public interface DirectoryStore {

    void recordTemplateStatus(TemplateStatusChange change);
}
