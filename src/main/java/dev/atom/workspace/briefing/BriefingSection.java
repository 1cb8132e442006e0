package dev.atom.workspace.briefing;

import java.util.List;

/**
 * One source of a daily briefing's items: a Spring bean per source (Atom's tasks, the approvals waiting, a
 * calendar's meetings...). The briefing asks every bean for its {@link #kind()} and merges what they answer; a
 * kind no bean provides is shown as not available (empty, never made up), and a bean that throws shows an
 * error in its section alone. Implementations are stateless and thread-safe.
 */
public interface BriefingSection {

    SectionKind kind();

    /**
     * Whether this source applies to the viewer at all (false, say, for someone with no mail connection yet: the
     * page then invites them to connect one instead of saying "nothing"). A kind is available when any of its
     * sources is.
     */
    default boolean available(BriefingRequest request) {
        return true;
    }

    /**
     * The items of this section for the viewer's day, each of the kind's item type ({@link
     * SectionKind#itemType()}), at most {@link BriefingRequest#limit()}. Only what the viewer may see.
     */
    List<? extends BriefingItem> items(BriefingRequest request);
}
