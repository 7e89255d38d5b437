package io.qrlogin.core.ticket;

import java.util.StringJoiner;

/**
 * Renders {@link TransitionRules} as Lua tables for the transition script, so the rules exist once,
 * in Java, where they are unit tested, and Redis applies exactly them.
 */
public final class LuaRules {

    private LuaRules() {
    }

    public static String render() {
        StringBuilder lua = new StringBuilder("local RULES = {\n");
        for (Command command : Command.values()) {
            lua.append("  ").append(command.name()).append(" = {\n");
            for (TicketState state : TicketState.values()) {
                StringJoiner relations = new StringJoiner(", ", "{ ", " }");
                for (Relation relation : Relation.values()) {
                    relations.add(relation.name() + " = '" + encode(TransitionRules.decide(command, state, relation)) + "'");
                }
                lua.append("    ").append(state.name()).append(" = ").append(relations).append(",\n");
            }
            lua.append("  },\n");
        }
        lua.append("}\n");
        lua.append("local TERMINAL = ").append(set(TicketState.values(), true)).append('\n');
        lua.append("local VERIFIED = ").append(set(Command.values(), false)).append('\n');
        return lua.toString();
    }

    /** {@code A:<state>} apply, {@code K:} keep, {@code R:<code>} reject. */
    static String encode(Decision decision) {
        if (decision instanceof Decision.Apply apply) {
            return "A:" + apply.target().name();
        }
        if (decision instanceof Decision.Reject reject) {
            return "R:" + reject.reason().code();
        }
        return "K:";
    }

    private static String set(Enum<?>[] values, boolean states) {
        StringJoiner members = new StringJoiner(", ", "{ ", " }");
        for (Enum<?> value : values) {
            boolean member = states ? ((TicketState) value).isTerminal() : ((Command) value).requiresVerifier();
            if (member) {
                members.add(value.name() + " = true");
            }
        }
        return members.toString();
    }
}
