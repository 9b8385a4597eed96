package jollama.engine.template;

import java.util.List;

/** A cursor over the tokens, with the expect-or-fail helpers the parsers share. */
final class TokenStream {

    private final List<Token> tokens;
    private final Source source;
    private int index;

    TokenStream(List<Token> tokens, Source source) {
        this.tokens = tokens;
        this.source = source;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.type() != Token.Type.EOF) {
            index++;
        }
        return t;
    }

    boolean skipOperator(String op) {
        if (peek().isOperator(op)) {
            next();
            return true;
        }
        return false;
    }

    boolean skipName(String name) {
        if (peek().isName(name)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Token.Type type, String what) {
        Token t = peek();
        if (t.type() != type) {
            throw fail("expected " + what + " but found " + t.describe(), t);
        }
        return next();
    }

    void expectOperator(String op) {
        Token t = peek();
        if (!t.isOperator(op)) {
            throw fail("expected '" + op + "' but found " + t.describe(), t);
        }
        next();
    }

    void expectName(String name) {
        Token t = peek();
        if (!t.isName(name)) {
            throw fail("expected '" + name + "' but found " + t.describe(), t);
        }
        next();
    }

    TemplateException fail(String message, Token at) {
        return source.error(message, at.pos());
    }

    Source source() {
        return source;
    }
}
