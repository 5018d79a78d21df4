# The newsroom's article editor (Toast UI Editor from npm, pinned in package-lock.json) is
# bundled with esbuild into static/gen/editor.js and editor.css, which `serve` serves like any
# static file. static/gen/ is generated and ignored by git. Without node_modules (no `npm ci`
# yet) the bundle is skipped: the article form still works as a plain textarea.
set(editor_entry ${PROJECT_SOURCE_DIR}/assets/newsroom/editor.js)
set(editor_out ${PROJECT_SOURCE_DIR}/static/gen/editor.js)
set(esbuild ${PROJECT_SOURCE_DIR}/node_modules/.bin/esbuild)
if(EXISTS ${esbuild} AND EXISTS ${PROJECT_SOURCE_DIR}/node_modules/@toast-ui/editor)
  add_custom_command(
    OUTPUT ${editor_out} ${PROJECT_SOURCE_DIR}/static/gen/editor.css
    COMMAND ${esbuild} ${editor_entry} --bundle --minify --target=es2020
            --outfile=${editor_out} --log-level=warning
    DEPENDS ${editor_entry} ${PROJECT_SOURCE_DIR}/package-lock.json
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Bundling the article editor (esbuild)"
    VERBATIM)
  add_custom_target(editor_bundle ALL DEPENDS ${editor_out})
  set(SINMUN_EDITOR_BUNDLE ON)
else()
  message(STATUS "node_modules has no esbuild or @toast-ui/editor: the article editor is not "
                 "bundled (run `npm ci`); the form works as a plain textarea")
  set(SINMUN_EDITOR_BUNDLE OFF)
endif()
