# Draws the skip curve with taste-plot-skip-curve and fails when docs/taste-skip-curve.svg is not
# that drawing (the curve changed and the picture in the docs was not redrawn).
#   cmake -DPLOT=taste-plot-skip-curve -DDOC=docs/taste-skip-curve.svg -DOUT=fresh.svg -P this
execute_process(COMMAND "${PLOT}" "${OUT}" RESULT_VARIABLE drawn)
if(NOT drawn EQUAL 0)
  message(FATAL_ERROR "taste-plot-skip-curve failed (${drawn})")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUT}" "${DOC}" RESULT_VARIABLE differs)
if(NOT differs EQUAL 0)
  message(FATAL_ERROR "${DOC} is not what the skip curve draws now; redraw it: taste-plot-skip-curve ${DOC}")
endif()
