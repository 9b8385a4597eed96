package jollama.engine.template;

import java.util.List;
import java.util.Map;

/**
 * A function a caller may put into the render context, called from the template like a Python
 * function, e.g. {@code strftime_now("%d %b %Y")}, which transformers provides but which depends
 * on the clock and so is left to the caller.
 */
@FunctionalInterface
public interface TemplateFunction {

    /**
     * @param args   positional arguments, as template values (String, Long, Double, Boolean, null, List, Map)
     * @param kwargs keyword arguments in call order
     * @return a template value
     */
    Object call(List<Object> args, Map<String, Object> kwargs);
}
