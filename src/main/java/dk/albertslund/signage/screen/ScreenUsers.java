package dk.albertslund.signage.screen;

import dk.albertslund.signage.core.InUse;

import java.util.List;

/**
 * What still aims at a screen or a screen group (schedule entries), told by the features
 * above this one in the stack (docs/ARCHITECTURE.md), so neither is deleted from under them.
 */
public interface ScreenUsers {

    List<InUse> usesOfScreen(long screenId);

    List<InUse> usesOfGroup(long groupId);
}
