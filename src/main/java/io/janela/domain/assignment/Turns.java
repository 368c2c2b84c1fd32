package io.janela.domain.assignment;

/** The two picks the rules cannot make alone: the department's next turn, and a random one. */
public interface Turns {

    /** The department's round-robin counter, taken atomically: every caller gets its own value. */
    long nextTurn(String departmentId);

    /** A random index in {@code [0, bound)}. */
    int random(int bound);
}
