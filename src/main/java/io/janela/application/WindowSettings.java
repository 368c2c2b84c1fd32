package io.janela.application;

import io.janela.domain.window.CustomerServiceWindow;
import java.time.Duration;

/** How long before a window's end it counts as EXPIRING ({@code janela.window.expiring-lead}). */
public record WindowSettings(Duration expiringLead) {
    public WindowSettings {
        expiringLead = CustomerServiceWindow.checkedLead(expiringLead);
    }
}
